import { describe, expect, it } from 'vitest';
import { describeSchemaErrors } from './problem.js';

describe('describeSchemaErrors', () => {
  it('names the missing or unknown field so a person can fix it', () => {
    expect(
      describeSchemaErrors(
        [
          { instancePath: '', keyword: 'required', params: { missingProperty: 'email' } },
          { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'admin' } },
          {
            instancePath: '/name',
            keyword: 'maxLength',
            message: 'must NOT have more than 120 characters',
            params: {},
          },
        ],
        'body',
      ),
    ).toEqual([
      { path: '/email', message: 'email is required.' },
      { path: '/admin', message: 'admin is not a field this endpoint accepts.' },
      { path: '/name', message: 'name must NOT have more than 120 characters.' },
    ]);
  });
});
