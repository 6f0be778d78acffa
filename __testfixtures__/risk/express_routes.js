// Every way an Express / Fastify / hapi / Hono / NestJS / React Router handler gets its methods.
const express = require('express');
const Fastify = require('fastify');
const Hapi = require('@hapi/hapi');
const { Hono } = require('hono');

const app = express();
const router = express.Router();

app.get('/a', (req, res) => res.redirect('/echo')); // GET
app.post('/b', (req, res) => res.redirect('/echo')); // POST
router.delete('/c', (req, res) => res.redirect('/echo')); // DELETE
app.all('/d', (req, res) => res.redirect('/echo')); // ALL
app.use('/e', (req, res) => res.redirect('/echo')); // ALL
app.route('/f').patch((req, res) => res.redirect('/echo')); // PATCH

function named(req, res) {
  res.redirect('/echo'); // PUT, registered by name
}
app.put('/g', named);

const fastify = Fastify();
fastify.route({ method: ['GET', 'POST'], url: '/h', handler: (request, reply) => reply.redirect('/echo') }); // GET, POST

const server = Hapi.server();
server.route({ method: '*', path: '/i', handler: (request, h) => h.redirect('/echo') }); // ALL

const hono = new Hono();
hono.on('PURGE', '/j', (c) => c.redirect('/echo')); // PURGE

exports.controller = (req, res) => res.redirect('/echo'); // unknown: registered in another file
