import { H3, redirect } from 'h3';

const app = new H3();
app.get('/old', () => redirect('/new', 302));
