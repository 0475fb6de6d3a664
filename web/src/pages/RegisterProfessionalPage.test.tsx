import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { makeIdNumber } from '@ce/shared';
import { mockFetch, renderAt } from '../test/render';
import { RegisterProfessionalPage } from './RegisterProfessionalPage';

const renderForm = () =>
  renderAt(<RegisterProfessionalPage />, { path: '/register/professional', route: '/register/professional' });
const field = (id: string) => document.getElementById(id) as HTMLInputElement;
const radio = (name: string) => screen.getByRole('radio', { name }) as HTMLInputElement;

/** Types a date into the antd DatePicker and confirms it with Enter, as a person at a keyboard does. */
function typeDate(input: HTMLInputElement, value: string) {
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.blur(input);
}

describe('RegisterProfessionalPage', () => {
  it('fills in gender and birth date from the ID number and refuses a birth date that disagrees', async () => {
    const calls = mockFetch(() => [200, { items: [] }]);
    renderForm();
    const man = makeIdNumber({ regionCode: '410105', birthDate: '1990-05-05', sequence: 123 });

    fireEvent.change(field('regpro_idNumber'), { target: { value: man } });
    await waitFor(() => expect(field('regpro_birthDate').value).toBe('1990-05-05'));
    expect(radio('男').checked).toBe(true);
    expect(radio('女').checked).toBe(false);

    // A woman's ID number replaces what was filled in from the first one.
    const woman = makeIdNumber({ regionCode: '410105', birthDate: '1987-11-30', sequence: 124 });
    fireEvent.change(field('regpro_idNumber'), { target: { value: woman } });
    await waitFor(() => expect(field('regpro_birthDate').value).toBe('1987-11-30'));
    expect(radio('女').checked).toBe(true);

    typeDate(field('regpro_birthDate'), '1987-12-01');
    expect(await screen.findByText('出生日期与身份证号不一致')).toBeTruthy();
    expect(
      field('regpro_birthDate').closest('.ant-form-item')!.classList.contains('ant-form-item-has-error'),
    ).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: '提交注册' }));
    await waitFor(() => expect(screen.getAllByText('出生日期与身份证号不一致').length).toBeGreaterThan(0));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    // Back to the ID number's date: the complaint goes away.
    typeDate(field('regpro_birthDate'), '1987-11-30');
    const birthItem = field('regpro_birthDate').closest('.ant-form-item')!;
    await waitFor(() => expect(birthItem.classList.contains('ant-form-item-has-error')).toBe(false));
    expect(field('regpro_birthDate').value).toBe('1987-11-30');
  });

  it('refuses an ID number with a wrong check character before anything is sent', async () => {
    const calls = mockFetch(() => [200, { items: [] }]);
    renderForm();
    const valid = makeIdNumber({ regionCode: '410105', birthDate: '1990-05-05', sequence: 123 });
    const wrong = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1');
    fireEvent.change(field('regpro_idNumber'), { target: { value: wrong } });
    expect(await screen.findByText('身份证号非法：校验位错误')).toBeTruthy();
    // Nothing is filled in from an invalid number.
    expect(field('regpro_birthDate').value).toBe('');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });
});
