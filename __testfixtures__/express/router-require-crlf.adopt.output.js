const express = require("express")
const router = express.Router()

router.post("/login", function (req, res) {
  req.session.user = req.body.user
  res.redirect(303, "/account")
})

module.exports = router
