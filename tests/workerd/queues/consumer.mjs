// Consumer Worker: forwards each batch to the collector; undelivered messages are retried.
import { Emitter, forwardQueueBatch } from '../../../pkg/workerd.js';

export default {
  async queue(batch, env) {
    const emitter = new Emitter(env.COLLECTOR_URL, { bufferSize: 100, flushTimeout: 0.5, maxRetryDelaySeconds: 0.1, onFailure: () => {} });
    await forwardQueueBatch(batch, emitter);
  },
};
