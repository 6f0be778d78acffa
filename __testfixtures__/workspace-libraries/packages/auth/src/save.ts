export async function save(req: any, res: any) {
  await req.store.save(req.body);
  res.redirect('/saved'); // expect: rewritten (express, registered by apps/api's mount(app), a package that depends on express alone)
}
