/* Built from src/ by `npm run build`; do not edit. */
