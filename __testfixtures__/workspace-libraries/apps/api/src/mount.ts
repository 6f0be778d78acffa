import { save } from '@acme/auth';

// `app` is a parameter: the package (express alone) says what it is.
export function mount(app: any) {
  app.post('/save', save);
}
