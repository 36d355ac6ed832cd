import { expect } from '@open-wc/testing';
import { errorMessage, parseRetryAfter } from '../../src/transports/http-error.js';
import { StreamError, toStreamError } from '../../src/transports/index.js';

describe('http helpers', () => {
  it('errorMessage reads OpenAI, Anthropic, Ollama, Dify and FastAPI error bodies and short plain text', () => {
    expect(errorMessage('{"error":{"message":"Bad key","type":"auth"}}')).to.equal('Bad key');
    expect(errorMessage('{"type":"error","error":{"type":"x","message":"Overloaded"}}')).to.equal(
      'Overloaded',
    );
    expect(errorMessage('{"error":"model not found"}')).to.equal('model not found');
    expect(
      errorMessage('{"code":"invalid_param","message":"Query is required","status":400}'),
    ).to.equal('Query is required');
    expect(errorMessage('{"detail":"Not authenticated"}')).to.equal('Not authenticated');
    expect(errorMessage('  upstream timed out \n')).to.equal('upstream timed out');
    expect(errorMessage('x'.repeat(2000))).to.have.length(500);
  });

  it('errorMessage gives nothing for HTML pages, empty bodies and JSON without a message', () => {
    expect(errorMessage('<!doctype html><title>502</title>')).to.equal(undefined);
    expect(errorMessage('')).to.equal(undefined);
    expect(errorMessage('{"error":{"code":503}}')).to.equal(undefined);
    expect(errorMessage('null')).to.equal(undefined);
  });

  it('parseRetryAfter reads delta-seconds and HTTP dates, and ignores garbage', () => {
    expect(parseRetryAfter('120')).to.equal(120_000);
    expect(parseRetryAfter(null)).to.equal(undefined);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter(new Date(Date.now() - 5000).toUTCString())).to.equal(0);
  });

  it('StreamError: retryable for network, timeout, 408, 429 and 5xx; JSON form for events', () => {
    expect(new StreamError('network', 'x').retryable).to.equal(true);
    expect(new StreamError('timeout', 'x').retryable).to.equal(true);
    expect(new StreamError('http', 'x', { status: 401 }).retryable).to.equal(false);
    expect(new StreamError('http', 'x', { status: 429 }).retryable).to.equal(true);
    expect(new StreamError('http', 'x', { status: 408 }).retryable).to.equal(true);
    expect(new StreamError('http', 'x', { status: 500 }).retryable).to.equal(true);
    expect(new StreamError('http', 'x', { status: 404 }).retryable).to.equal(false);
    expect(new StreamError('provider', 'x').retryable).to.equal(false);
    expect(new StreamError('http', 'Nope', { status: 503 }).toJSON()).to.deep.equal({
      code: 'http',
      message: 'Nope',
      status: 503,
      retryable: true,
    });
  });

  it('toStreamError keeps StreamErrors and maps aborts, TypeErrors and the rest', () => {
    const error = new StreamError('provider', 'x');
    expect(toStreamError(error)).to.equal(error);
    expect(toStreamError(new DOMException('stop', 'AbortError')).code).to.equal('aborted');
    expect(toStreamError(new TypeError('Failed to fetch')).code).to.equal('network');
    expect(toStreamError('weird').code).to.equal('protocol');
  });
});
