import type { Component } from 'svelte';
import ConflictPage from './pages/ConflictPage.svelte';
import EditCustomerPage from './pages/EditCustomerPage.svelte';
import NewCustomerPage from './pages/NewCustomerPage.svelte';
import PendingPage from './pages/PendingPage.svelte';
import SettingsPage from './pages/SettingsPage.svelte';

/*
 * THE seam for the screens built elsewhere: each entry is the component the route shows. The
 * placeholders here are replaced by pointing an entry at the real screen; the router, the nav
 * bar and the shortcuts need no change.
 */
export const pages: {
  pending: Component;
  settings: Component;
  conflict: Component<{ id: number }>;
  newCustomer: Component;
  editCustomer: Component<{ guid: string }>;
} = {
  pending: PendingPage,
  settings: SettingsPage,
  conflict: ConflictPage,
  newCustomer: NewCustomerPage,
  editCustomer: EditCustomerPage,
};
