// The project's own wrapper: errors of async handlers go to Express's error handler.
export default function asyncHandler(handler) {
  return (req, res, next) => Promise.resolve(handler(req, res, next)).catch(next);
}
