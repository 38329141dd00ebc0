// Unplug's timer worker: see src/time/worker.rs.
onmessage = ({ data: [id, ms] }) => setTimeout(() => postMessage(id), ms);
