/** The articles of a convention poll, where the polls feature reads them. */
export { conventionArticles } from '../../features/conventions/articles.js';
