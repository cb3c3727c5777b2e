import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInput } from './errors.js';
import { compareSemver, formatSemver, isValidSemver, nextVersion, parseSemver } from './semver.js';

const part = fc.nat({ max: 10_000 });
const semver = fc.record({ major: part, minor: part, patch: part });

describe('parseSemver', () => {
  it.each([
    ['0.9.0', { major: 0, minor: 9, patch: 0 }],
    ['1.1.0', { major: 1, minor: 1, patch: 0 }],
    ['10.20.300', { major: 10, minor: 20, patch: 300 }],
  ])('reads %s', (text, expected) => {
    expect(parseSemver(text)).toEqual(expected);
  });

  it.each([
    ['1.0.0-beta', 'pre-release or build suffix'],
    ['1.0.0+build.5', 'pre-release or build suffix'],
    ['1.0.0-rc.1+sha.abc', 'pre-release or build suffix'],
    ['v1.2.0', 'without the leading "v"'],
    ['01.0.0', 'leading zero'],
    ['1.00.0', 'leading zero'],
    ['1.0', 'not MAJOR.MINOR.PATCH'],
    ['1.0.0.0', 'not MAJOR.MINOR.PATCH'],
    ['one.two.three', 'not MAJOR.MINOR.PATCH'],
    ['1.٢.0', 'not MAJOR.MINOR.PATCH'],
    [' 1.0.0', 'spaces around it'],
    ['', 'Enter a version'],
    ['99999999999999999999.0.0', 'too large'],
  ])('refuses %j with a reason (%s)', (text, reason) => {
    expect(() => parseSemver(text)).toThrow(reason);
    expect(isValidSemver(text)).toBe(false);
  });

  it('reports the version field and keeps the message short for long input', () => {
    try {
      parseSemver(`1.0.0-${'x'.repeat(5_000)}`);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInput);
      expect((err as InvalidInput).field).toBe('version');
      expect((err as InvalidInput).message.length).toBeLessThan(200);
    }
  });

  it('round-trips through formatSemver', () => {
    fc.assert(
      fc.property(semver, (v) => {
        expect(parseSemver(formatSemver(v))).toEqual(v);
        expect(isValidSemver(formatSemver(v))).toBe(true);
      }),
    );
  });
});

describe('compareSemver', () => {
  it('orders numerically, not as text', () => {
    const sorted = ['1.10.0', '0.9.0', '1.2.0', '1.1.0', '0.10.0', '1.1.10', '1.1.9'].sort(compareSemver);
    expect(sorted).toEqual(['0.9.0', '0.10.0', '1.1.0', '1.1.9', '1.1.10', '1.2.0', '1.10.0']);
  });

  it('is antisymmetric and zero only for equal versions', () => {
    fc.assert(
      fc.property(semver, semver, (a, b) => {
        expect(compareSemver(a, b)).toBe(-compareSemver(b, a) || 0);
        expect(compareSemver(a, b) === 0).toBe(formatSemver(a) === formatSemver(b));
      }),
    );
  });

  it('refuses a bad version on either side', () => {
    expect(() => compareSemver('1.0.0', '1.0.0-alpha')).toThrow(InvalidInput);
  });
});

describe('nextVersion', () => {
  it.each([
    ['1.4.2', 'major', '2.0.0'],
    ['1.4.2', 'minor', '1.5.0'],
    ['1.4.2', 'patch', '1.4.3'],
    ['0.9.0', 'minor', '0.10.0'],
  ] as const)('%s + %s = %s', (current, bump, expected) => {
    expect(nextVersion(current, bump)).toBe(expected);
  });

  it('always moves forward', () => {
    fc.assert(
      fc.property(semver, fc.constantFrom('major', 'minor', 'patch'), (v, bump) => {
        expect(compareSemver(nextVersion(formatSemver(v), bump), v)).toBe(1);
      }),
    );
  });

  it('refuses to bump a bad version', () => {
    expect(() => nextVersion('1.0.0-beta', 'patch')).toThrow(InvalidInput);
  });

  it('refuses to bump past the largest safe number', () => {
    expect(() => nextVersion(`${Number.MAX_SAFE_INTEGER}.0.0`, 'major')).toThrow('cannot be bumped');
  });
});
