/** CRI runtime.v1 client over a unix socket (and later a fake CRI runtime for tests and hollow nodes). */
package windlass.crishim;
