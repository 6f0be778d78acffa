import { Controller, Delete, Get, Redirect } from '@nestjs/common';
import { redirect } from 'react-router';

@Controller('docs')
export class DocsController {
  @Get()
  @Redirect('/echo')
  read() {} // GET

  @Delete()
  @Redirect('/echo')
  remove() {} // DELETE
}

export async function loader() {
  throw redirect('/echo'); // GET, HEAD
}

export async function action() {
  return redirect('/echo'); // POST, PUT, PATCH, DELETE: the form's method is not known
}
