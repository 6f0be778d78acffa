import { Controller, Get, HttpStatus, Redirect } from '@nestjs/common';

@Controller('docs')
export class DocsController {
  @Get()
  @Redirect('https://docs.nestjs.com', 302)
  getDocs() {}

  @Get('latest')
  @Redirect('', 302)
  latest() {
    return { url: 'https://docs.nestjs.com/v10/' };
  }

  @Get('old')
  @Redirect('/docs', HttpStatus.MOVED_PERMANENTLY)
  old() {}
}
