import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderApp } from './app-harness';

describe('First start', () => {
  it('lets a newcomer start at once and asks their name without blocking anything', async () => {
    const { user, platform } = renderApp({ settings: { reviewer: null } });
    const welcome = await screen.findByRole('region', { name: 'Welcome to Loupe' });
    expect(screen.queryByRole('dialog')).toBeNull();
    // Work can start before the name is given: Import is usable, the provisional reviewer is kept.
    expect(screen.getByRole('button', { name: /^Import/ }).closest('[inert]')).toBeNull();
    const provisional = platform.settings.reviewer!;
    expect(provisional.name).toBe('Reviewer');
    expect(provisional.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(platform.settings.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    await user.click(within(welcome).getByRole('button', { name: 'Save name' }));
    expect(within(welcome).getByText('Enter your name, or choose Later.')).toBeTruthy();
    await user.type(within(welcome).getByRole('textbox', { name: 'Your name' }), '  Grace Hopper {Enter}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Welcome to Loupe' })).toBeNull());
    expect(platform.settings.reviewer).toEqual({ id: provisional.id, name: 'Grace Hopper' });
    expect(screen.getByText('Reviewing as Grace Hopper')).toBeTruthy();
  });

  it('lets the newcomer put the question off', async () => {
    const { user, platform } = renderApp({ settings: { reviewer: null } });
    const welcome = await screen.findByRole('region', { name: 'Welcome to Loupe' });
    await user.click(within(welcome).getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('region', { name: 'Welcome to Loupe' })).toBeNull();
    expect(screen.getByText('Reviewing as Reviewer')).toBeTruthy();
    expect(platform.settings.reviewer?.name).toBe('Reviewer');
  });

  it('skips the prompt when ?reviewer= names the reviewer', async () => {
    const { platform } = renderApp({ settings: { reviewer: null }, switches: { demo: false, reviewerName: 'Pipeline Bot' } });
    expect(await screen.findByText('Reviewing as Pipeline Bot')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Welcome to Loupe' })).toBeNull();
    expect(platform.settings.reviewer?.name).toBe('Pipeline Bot');
  });

  it('keeps the reviewer id when ?reviewer= renames them', async () => {
    const { platform } = renderApp({ settings: { reviewer: { id: 'kept-id', name: 'Old' } }, switches: { reviewerName: 'New', demo: false } });
    expect(await screen.findByText('Reviewing as New')).toBeTruthy();
    expect(platform.settings.reviewer).toEqual({ id: 'kept-id', name: 'New' });
  });

  it('lets the reviewer change name, theme and the demo setting in Settings', async () => {
    const { user, platform } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const name = within(dialog).getByRole('textbox', { name: 'Your name' });
    await user.clear(name);
    await user.type(name, 'Ada L.');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Theme' }), 'dark');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Add the demo batches' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(platform.settings.theme).toBe('dark'));
    expect(platform.settings.reviewer).toEqual({ id: 'reviewer-1', name: 'Ada L.' });
    expect(platform.settings.demo).toBe(false);
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
  });

  it('closes Settings with Escape without saving', async () => {
    const { user, platform } = renderApp();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await screen.findByRole('dialog', { name: 'Settings' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(platform.settings.theme).toBe('system');
  });

  it('warns discreetly when the browser may evict the data', async () => {
    renderApp({ persist: false });
    expect(await screen.findByText(/may delete Loupe’s data when space runs low/)).toBeTruthy();
  });
});
