// Shape 2: a controller class whose instance is exported; its method is registered bound.
class SessionController {
  constructor() {
    this.ended = 0;
  }

  async destroy(ctx) {
    this.ended += 1;
    ctx.redirect('/goodbye');
  }
}

export default new SessionController();
