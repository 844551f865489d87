package windlass.apiserver.storage;

import java.util.List;

/** A page of a list: the entries in key order, the revision they were read at, and whether more keys follow. */
public record ListPage(List<KeyValue> items, long revision, boolean more) {}
