// Types for modules the viewer imports without their own declarations (and Vite's CSS side-effect imports).

declare module 'graphology-layout-forceatlas2/iterate.js' {
  /** One ForceAtlas2 iteration over the flat node (10 floats each) and edge (3 floats each) matrices. */
  export default function iterate(settings: object, nodes: Float32Array, edges: Float32Array): void;
}

declare module '*.css';
