// A package that depends on no framework, a file that imports none: never parsed, still counted.
export function follow(client, url) {
  return client.redirect(url); // expect: not-framework
}
// client.redirect('/in-a-comment') is not a call
const text = "res.redirect('/in-a-string')";
