// The project re-exports React Router's redirect: only the type checker sees through it.
export { redirect } from 'react-router';
