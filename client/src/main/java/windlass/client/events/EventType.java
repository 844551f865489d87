package windlass.client.events;

/** An Event's type: upstream's "Normal" or "Warning". */
public enum EventType {
  NORMAL("Normal"), WARNING("Warning");

  private final String spelling;

  EventType(String spelling) {
    this.spelling = spelling;
  }

  public String spelling() {
    return spelling;
  }
}
