/** A clock the test moves by hand, so expiry and rate-limit windows are tested without waiting. */
export function testClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}
