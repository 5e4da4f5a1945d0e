import { describe, expect, it } from 'vitest'
import { listenUrl, parsePublicUrl } from './public-url.js'

describe('the public URL', () => {
  it('keeps an http(s) origin and path, without a trailing slash', () => {
    expect(parsePublicUrl('https://iam.example.com')).toBe('https://iam.example.com')
    expect(parsePublicUrl('https://iam.example.com/')).toBe('https://iam.example.com')
    expect(parsePublicUrl('http://10.0.0.5:4590/warden//')).toBe('http://10.0.0.5:4590/warden')
    expect(parsePublicUrl('HTTPS://IAM.example.com:443')).toBe('https://iam.example.com')
  })

  it.each(['iam.example.com', 'ftp://iam.example.com', 'https://iam.example.com/?x=1', 'https://iam.example.com/#top', 'https://u:p@iam.example.com', ''])(
    'refuses %j', (text) => {
      expect(() => parsePublicUrl(text)).toThrow(/the public URL must be an http or https URL/)
    })

  it('derives one from the listen address; a wildcard bind means loopback', () => {
    expect(listenUrl('127.0.0.1', 4590)).toBe('http://127.0.0.1:4590')
    expect(listenUrl('0.0.0.0', 80)).toBe('http://127.0.0.1:80')
    expect(listenUrl('::', 8080)).toBe('http://127.0.0.1:8080')
    expect(listenUrl('::1', 8080)).toBe('http://[::1]:8080')
    expect(listenUrl('warden.internal', 4590)).toBe('http://warden.internal:4590')
  })
})
