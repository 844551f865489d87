package windlass.apiserver.storage;

/**
 * One stored entry: the key, its value, the revision that created it and the revision of its last change (for an
 * entry returned by a delete or in a DELETE event: the revision of the deletion, with the last value).
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {}
