/**
 * The renderer's entry: the transport (the preload's `window.gpjobs`, or the web client when served by
 * `gpjobs ui`), the theme and base styles (extracted to a CSS file by Vite: the CSP allows no inline
 * styles), then the workspace mounted on #app.
 */
import { mount } from 'svelte';
import './styles/theme.css';
import './styles/base.css';
import App from './app.svelte';
import { chooseTransport } from './lib/web-transport';

chooseTransport(window);
const target = document.getElementById('app');
if (!target) throw new Error('GP Job Admin: #app element missing from index.html');
mount(App, { target });
