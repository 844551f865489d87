package windlass.client;

import java.util.List;

/** A page of a list: the items, the revision it was read at (start a watch there), and the next page's token. */
public record ObjectList<T>(List<T> items, String resourceVersion, String continueToken) {}
