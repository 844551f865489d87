/** The v0 scheduling plugins, one package each, named and worded as upstream's. */
package windlass.scheduler.plugins;
