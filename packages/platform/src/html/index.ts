// HTML sanitising policy, shared by the services: '@eig/platform/html'.
export { sanitizeHtml, allowedTags, type HtmlPolicy } from './sanitize.ts';
