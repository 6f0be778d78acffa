// A helper the controllers call with their handler's `h` as the third argument.
const sendToPermit = (id, query, h) => {
  if (query.view === 'list') {
    return h.redirect('/permits'); // expect: rewritten
  }
  return h.redirect(`/permits/${id}`); // expect: rewritten
};

module.exports = { sendToPermit };
