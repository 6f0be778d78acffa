import { Controller, Get, HttpStatus, Redirect } from '@nestjs/common';

@Controller('docs')
export class DocsController {
  @Get()
  @Redirect('https://docs.nestjs.com')
  getDocs() {}

  @Get('latest')
  @Redirect()
  latest() {
    return { url: 'https://docs.nestjs.com/v10/' };
  }

  @Get('old')
  @Redirect('/docs', HttpStatus.MOVED_PERMANENTLY)
  old() {}
}
