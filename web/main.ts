import './velvet-app.js';
