// sigma v4 programs of the canvas: node shapes with a fill and a ring layer, edge paths with arrowheads.
import type { Attributes } from 'graphology-types';
import type Sigma from 'sigma';
import {
  extremityArrow,
  type FragmentLayer,
  layerFill,
  layerPlain,
  pathCurved,
  pathLine,
  pathLoop,
  sdfCircle,
  sdfDiamond,
  sdfRectangle,
  sdfSquare,
  sdfTriangle,
} from 'sigma/rendering';
import type { EdgeAttrs, NodeAttrs } from './model.ts';

/** The UI font stack: system CJK fonts first (nothing is fetched from the network). */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

/** A ring drawn inside a node's edge, `ringWidth` screen pixels wide (cadres, selection, pinned nodes). */
function layerRing(): FragmentLayer {
  return {
    name: 'ring',
    uniforms: [],
    attributes: [
      {
        name: 'ringColor',
        size: 4 as const,
        type: WebGL2RenderingContext.UNSIGNED_BYTE,
        normalized: true,
        source: 'ringColor',
      },
      { name: 'ringWidth', size: 1 as const, type: WebGL2RenderingContext.FLOAT, source: 'ringWidth' },
    ],
    glsl: /* glsl */ `
vec4 layer_ring(vec4 ringColor, float ringWidth) {
  float w = ringWidth * context.pixelToUV;
  float inRing = smoothstep(-context.aaWidth, context.aaWidth, context.sdf + w);
  return vec4(ringColor.rgb, ringColor.a * inRing * step(0.001, ringWidth));
}`,
  };
}

/** Node shapes and layers (fill + ring) every canvas draws. */
function nodePrimitives() {
  return {
    shapes: [
      sdfCircle(),
      sdfSquare({ cornerRadius: 0.18 }),
      sdfDiamond({ cornerRadius: 0.1 }),
      sdfTriangle({ cornerRadius: 0.1 }),
      sdfRectangle({ aspectRatio: 1.6, cornerRadius: 0.15 }),
    ],
    variables: {
      ringColor: { type: 'color' as const, default: '#00000000' },
      ringWidth: { type: 'number' as const, default: 0 },
    },
    layers: [layerFill(), layerRing()],
    label: { font: { family: FONT_STACK, size: 12 }, color: '#1f2933', margin: 4 },
  };
}

/** Node shapes and layers (fill + ring), edge paths and arrowheads the canvas program is built with. */
export function canvasPrimitives() {
  return {
    nodes: nodePrimitives(),
    edges: {
      paths: [pathLine(), pathCurved(), pathLoop()],
      extremities: [extremityArrow({ lengthRatio: 3, widthRatio: 2 })],
      layers: [layerPlain()],
    },
  };
}

/**
 * Big graphs: straight edges without arrowheads. sigma compiles every declared path and extremity into one
 * edge shader, and a software-rendered WebGL (no GPU) pays for all of them on every edge pixel: measured on
 * 20,000 edges, dropping the curve and loop paths halves the edge pass and dropping the arrowhead halves it
 * again. Direction stays in the detail panel, the hover and the fund-flow view.
 */
export function leanPrimitives(): CanvasPrimitives {
  return {
    nodes: nodePrimitives(),
    edges: { paths: [pathLine()], extremities: [], layers: [layerPlain()] },
  } as unknown as CanvasPrimitives;
}

export type CanvasPrimitives = ReturnType<typeof canvasPrimitives>;
/** No custom node, edge or graph states (sigma's own defaults). */
export type NoState = Record<never, never>;
export type CanvasSigma = Sigma<
  NodeAttrs,
  EdgeAttrs,
  Attributes,
  NoState,
  NoState,
  NoState,
  CanvasPrimitives
>;
