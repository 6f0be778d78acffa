// ESM controllers: a default-exported object and a named export list.
import type { Request } from './types';

async function show(req: Request, res) {
  res.redirect(`/posts/${req.params.id}`);
}

const remove = async (req, res) => {
  await req.post.destroy();
  res.redirect('/posts');
};

function edit(req, res) {
  res.redirect('/posts/edit');
}

export { edit as editPost };
export default { show, remove };
