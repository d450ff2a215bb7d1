import { mount } from 'svelte';
import App from './App.svelte';
import { appearance } from './app/theme.svelte';
import { i18n } from './i18n/index.svelte';
import './styles/tokens.css';
import './styles/base.css';

const target = document.getElementById('app');
if (!target) throw new Error('Fieldbook: the #app element is missing from index.html');

// Before the first paint: the theme and the document's language.
appearance.init();
document.documentElement.lang = i18n.language;

export default mount(App, { target });
