package windlass.client;

import windlass.api.v1.WatchEventType;

/** One event of a watch, the object unpacked to its kind's type. */
public record WatchEvent<T>(WatchEventType type, T object) {}
