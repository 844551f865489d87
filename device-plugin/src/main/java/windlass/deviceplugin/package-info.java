/** Device plugin SDK, NVIDIA GPU plugin, fake device plugin (not built yet). */
package windlass.deviceplugin;
