import { mount } from 'svelte';
import App from './app.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('GP Job Admin: #app element missing from index.html');
mount(App, { target });
