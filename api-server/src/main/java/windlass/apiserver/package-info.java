/** The gRPC apiserver: registry per resource (defaulting, validation), storage backends (embedded SQLite), watch. */
package windlass.apiserver;
