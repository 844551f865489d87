package windlass.apiserver.registry.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Standard cron schedules and robfig/cron's errors for bad ones. */
class CronScheduleTest {
  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "''|empty spec string",
      "* * * *|expected exactly 5 fields, found 4: [* * * *]",
      "*/0 * * * *|step of range should be a positive number: */0",
      "5-1 * * * *|beginning of range (5) beyond end of range (1): 5-1",
      "* 24 * * *|end of range (24) above maximum (23): 24",
      "* * 0 * *|beginning of range (0) below minimum (1): 0",
      "x * * * *|failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
      "1-2-3 * * * *|too many hyphens: 1-2-3",
      "1/2/3 * * * *|too many slashes: 1/2/3",
      "@fortnightly|unrecognized descriptor: @fortnightly",
  })
  void badSchedulesSayWhy(String spec, String error) {
    assertEquals(error, assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(spec)).getMessage());
  }

  @Test
  void listsRangesStepsAndNamesMatch() {
    CronSchedule s = CronSchedule.parse("*/15 9-17 * jan,JUL mon-fri");
    assertTrue(s.matches(30, 9, 4, 7, 1));
    assertFalse(s.matches(31, 9, 4, 7, 1));
    assertFalse(s.matches(30, 9, 4, 8, 1));
    assertFalse(s.matches(30, 9, 4, 7, 0));
    assertTrue(CronSchedule.parse("@daily").matches(0, 0, 12, 3, 4));
    assertTrue(CronSchedule.parse("5/20 * * * ?").matches(45, 1, 1, 1, 1));
  }
}
