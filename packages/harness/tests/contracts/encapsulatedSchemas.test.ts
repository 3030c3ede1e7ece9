import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { startContractApp } from '../../src/contracts/index.js';

const User = { $id: 'User', type: 'object', required: ['id', 'givenName'], properties: { id: { type: 'string' }, givenName: { type: 'string' } } };

describe('shared schemas added inside an encapsulated plugin', () => {
  it('resolve the $refs of the routes that plugin registers, as fastify resolves them', async () => {
    const handle = await startContractApp(() => {
      const app = Fastify();
      void app.register(async (users) => {
        users.addSchema(User);
        users.post('/users', { schema: { body: { $ref: 'User' }, response: { 201: { $ref: 'User#' } } } }, async (_request, reply) => reply.code(201).send({ id: '1', givenName: 'a' }));
      }, { prefix: '/v1' });
      return app;
    });
    try {
      // The root instance has no such schema: only the plugin's context does.
      expect(Object.keys(handle.app.getSchemas())).toEqual([]);
      expect(handle.extraction.unresolvedReferences).toEqual([]);
      const post = (handle.extraction.document['paths'] as Record<string, Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>>)['/v1/users']?.['post'];
      expect(JSON.stringify(post)).not.toContain('$ref');
      expect(post?.requestBody.content['application/json']?.schema).toMatchObject({ type: 'object', required: ['givenName', 'id'] });
    } finally {
      await handle.app.close();
    }
  });
});
