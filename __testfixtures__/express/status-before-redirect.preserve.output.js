const { Router } = require('express');

const router = Router();

router.delete('/items/:id', (req, res) => {
  res.status(303).redirect(302, '/items');
});
