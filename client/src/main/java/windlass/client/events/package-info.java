/** Recording core/v1 Events about objects, as upstream's event recorder, without blocking the caller. */
package windlass.client.events;
