// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../src/protocol/ack';
import type { PatronChatView } from '../../src/protocol/models';
import type { WidgetConfig } from '../../src/protocol/patron-contract';
import { PrechatForm } from '../../widget/frame/prechat-form';

const config: WidgetConfig = {
  department: { id: 'general-reference', name: 'General Reference' },
  online: true,
  patronFields: [{ key: 'library_card', label: 'Library card number' }],
};
const GREETING = 'Ask us anything. A librarian from General Reference will answer right here.';
const page = { pageUrl: 'https://riverside.example/', referrer: null };
const chat: PatronChatView = {
  id: 'c1',
  departmentName: 'General Reference',
  status: 'waiting',
  question: 'q',
  operatorName: null,
  createdAt: 1,
  lastSeq: 0,
};

afterEach(cleanup);

describe('the pre-chat form on screen', () => {
  it('shows the question, name, email and the library card field, each labelled', () => {
    render(<PrechatForm config={config} greeting={GREETING} page={page} onStart={vi.fn()} />);
    expect(screen.getByLabelText('Your question (required)')).toBeTruthy();
    expect(screen.getByLabelText('Your name (optional)')).toBeTruthy();
    expect(screen.getByLabelText('Your email (optional)')).toBeTruthy();
    expect(screen.getByLabelText('Library card number (optional)')).toBeTruthy();
  });

  it('points at the question when the patron starts without one, and sends nothing', async () => {
    const onStart = vi.fn();
    render(<PrechatForm config={config} greeting={GREETING} page={page} onStart={onStart} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    const question = screen.getByLabelText('Your question (required)');
    expect(question.getAttribute('aria-invalid')).toBe('true');
    const describedBy = question.getAttribute('aria-describedby')!;
    expect(document.getElementById(describedBy)?.textContent).toBe('Please type your question.');
    await waitFor(() => expect(document.activeElement).toBe(question));
    expect(onStart).not.toHaveBeenCalled();
  });

  it('starts the chat with what the patron typed, including the library card', async () => {
    const onStart = vi.fn(async (): Promise<Ack<PatronChatView>> => ({ ok: true, data: chat }));
    render(<PrechatForm config={config} greeting={GREETING} page={page} onStart={onStart} />);
    fireEvent.change(screen.getByLabelText('Your question (required)'), { target: { value: 'Can I renew?' } });
    fireEvent.change(screen.getByLabelText('Library card number (optional)'), { target: { value: '2900 1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    await waitFor(() => expect(onStart).toHaveBeenCalledTimes(1));
    expect(onStart.mock.calls[0]).toEqual([
      {
        question: 'Can I renew?',
        name: null,
        email: null,
        extraFields: { library_card: '2900 1' },
        pageUrl: 'https://riverside.example/',
        referrer: null,
      },
    ]);
  });

  it("shows the server's reason when it refuses to start the chat", async () => {
    const onStart = vi.fn(async (): Promise<Ack<PatronChatView>> => ({
      ok: false,
      error: { code: 'DEPARTMENT_NOT_FOUND', message: 'This chat department does not exist.' },
    }));
    render(<PrechatForm config={config} greeting={GREETING} page={page} onStart={onStart} />);
    fireEvent.change(screen.getByLabelText('Your question (required)'), { target: { value: 'Hello?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This chat department does not exist.');
  });

  it('a field the library marks required says so, and must be filled in before the chat starts', async () => {
    const onStart = vi.fn();
    const card = { ...config, patronFields: [{ key: 'library_card', label: 'Library card number', required: true }] };
    render(<PrechatForm config={card} greeting={GREETING} page={page} onStart={onStart} />);
    expect(screen.getByText(/Fields marked required must be filled in\./)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Your question (required)'), { target: { value: 'Can I renew?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }));
    const field = screen.getByLabelText('Library card number (required)');
    expect(field.getAttribute('aria-required')).toBe('true');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Please fill in Library card number.',
    );
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(onStart).not.toHaveBeenCalled();
  });
});
