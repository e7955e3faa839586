# Louvain baselines of bench/analysis.ts: python-igraph community_multilevel, NetworkX louvain_communities.
"""Louvain baselines for bench/analysis.ts: python-igraph's community_multilevel or NetworkX's louvain_communities.

Reads the bench's edge list ("u v" per line, 0-based node indices), times the load and the call separately
(wall clock, plus the CPU time of both), and prints a JSON list on stdout, one object per seed: tool, version,
seconds, the tool's own modularity, community count, and the membership of every node (community label per
node index, 0..nodes-1).
"""

import argparse
import json
import random
import sys
import time


def run_igraph(path, nodes, seed):
    import igraph

    cpu = time.process_time()
    started = time.perf_counter()
    graph = igraph.Graph.Read_Edgelist(path, directed=False)
    if graph.vcount() < nodes:
        graph.add_vertices(nodes - graph.vcount())
    loaded = time.perf_counter()
    # igraph draws from Python's random module: seeding it makes the run repeatable.
    random.seed(seed)
    weights = graph.es["weight"] if "weight" in graph.es.attributes() else None
    clustering = graph.community_multilevel(weights=weights)
    done = time.perf_counter()
    cpu = time.process_time() - cpu
    return {
        "tool": "igraph",
        "version": igraph.__version__,
        "loadSeconds": loaded - started,
        "runSeconds": done - loaded,
        "cpuSeconds": cpu,
        "modularity": clustering.modularity,
        "count": len(clustering),
        "membership": clustering.membership,
    }


def run_networkx(path, nodes, seed):
    import networkx as nx

    cpu = time.process_time()
    started = time.perf_counter()
    graph = nx.read_edgelist(path, nodetype=int, data=False)
    graph.add_nodes_from(range(nodes))
    loaded = time.perf_counter()
    communities = nx.community.louvain_communities(graph, seed=seed)
    done = time.perf_counter()
    cpu = time.process_time() - cpu
    membership = [0] * nodes
    for label, members in enumerate(communities):
        for node in members:
            membership[node] = label
    return {
        "tool": "networkx",
        "version": nx.__version__,
        "loadSeconds": loaded - started,
        "runSeconds": done - loaded,
        "cpuSeconds": cpu,
        "modularity": nx.community.modularity(graph, communities),
        "count": len(communities),
        "membership": membership,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tool", choices=["igraph", "networkx", "probe"], required=True)
    parser.add_argument("--edges", help="edge list file")
    parser.add_argument("--nodes", type=int, default=0, help="node count (isolated nodes included)")
    parser.add_argument("--seeds", default="1", help="comma-separated seeds: one load and one call each")
    args = parser.parse_args()
    if args.tool == "probe":
        found = {}
        for name in ("igraph", "networkx"):
            try:
                found[name] = __import__(name).__version__
            except ImportError:
                found[name] = None
        json.dump({"python": sys.version.split()[0], **found}, sys.stdout)
        return
    run = run_igraph if args.tool == "igraph" else run_networkx
    seeds = [int(seed) for seed in args.seeds.split(",")]
    json.dump([{"seed": seed, **run(args.edges, args.nodes, seed)} for seed in seeds], sys.stdout)


if __name__ == "__main__":
    main()
