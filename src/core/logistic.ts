// A small logistic regression: the scope and decision stages score questions with it, and
// `npm run train` fits its weights. Interpretable on purpose: one named weight per feature.

export type Features = Readonly<Record<string, number>>;

/** A fitted model: feature names with their weights and a bias. */
export type LogisticModel = {
  features: readonly string[];
  weights: readonly number[];
  bias: number;
  /** Each feature's mean and spread on the training data, to put features on one scale. */
  means: readonly number[];
  scales: readonly number[];
};

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function standardized(model: Pick<LogisticModel, 'features' | 'means' | 'scales'>, f: Features): number[] {
  return model.features.map((name, i) => ((f[name] ?? 0) - (model.means[i] ?? 0)) / (model.scales[i] || 1));
}

/** The model's probability for these features. */
export function probability(model: LogisticModel, f: Features): number {
  return sigmoid(linearScore(model, f));
}

export type FitOptions = { l2: number; iterations: number; learningRate: number };

/** Fits weights by gradient descent on the log loss with an L2 penalty; classes are weighted to balance. */
export function fitLogistic(
  features: readonly string[],
  rows: readonly Features[],
  labels: readonly boolean[],
  options: FitOptions,
  sampleWeights: readonly number[] = rows.map(() => 1),
): LogisticModel {
  const n = rows.length;
  const means = features.map((name) => rows.reduce((s, r) => s + (r[name] ?? 0), 0) / Math.max(1, n));
  const scales = features.map((name, i) => {
    const variance = rows.reduce((s, r) => s + ((r[name] ?? 0) - (means[i] ?? 0)) ** 2, 0) / Math.max(1, n);
    return Math.sqrt(variance) || 1;
  });
  const shape = { features, means, scales };
  const xs = rows.map((r) => standardized(shape, r));
  const total = sampleWeights.reduce((a, b) => a + b, 0);
  const positives = labels.reduce((s, y, k) => s + (y ? (sampleWeights[k] ?? 1) : 0), 0);
  // Each class carries half the loss, so a corpus with more declines than answers does not tilt the model.
  const classWeight = (y: boolean) =>
    y ? total / (2 * Math.max(1e-9, positives)) : total / (2 * Math.max(1e-9, total - positives));
  const weightOf = (y: boolean, k: number) => classWeight(y) * (sampleWeights[k] ?? 1);
  const weights = features.map(() => 0);
  let bias = 0;
  for (let it = 0; it < options.iterations; it++) {
    const grad = features.map(() => 0);
    let gradBias = 0;
    xs.forEach((x, k) => {
      const y = labels[k] ?? false;
      const p = sigmoid(bias + x.reduce((s, v, i) => s + v * (weights[i] ?? 0), 0));
      const err = (p - (y ? 1 : 0)) * weightOf(y, k);
      gradBias += err;
      x.forEach((v, i) => {
        grad[i] = (grad[i] ?? 0) + err * v;
      });
    });
    bias -= (options.learningRate * gradBias) / n;
    weights.forEach((w, i) => {
      weights[i] = w - options.learningRate * ((grad[i] ?? 0) / n + options.l2 * w);
    });
  }
  return { features, weights, bias, means, scales };
}

/** The model's raw score for these features (the log-odds, before the sigmoid). */
export function linearScore(model: LogisticModel, f: Features): number {
  // A plain loop: this runs for every candidate of every question, and builds no array.
  let sum = model.bias;
  for (let i = 0; i < model.features.length; i++) {
    const value = f[model.features[i] ?? ''] ?? 0;
    sum += ((value - (model.means[i] ?? 0)) / (model.scales[i] || 1)) * (model.weights[i] ?? 0);
  }
  return sum;
}

/** One choice among candidates: each candidate's features, and which of them are right. */
export type ChoiceGroup = { candidates: readonly Features[]; right: readonly boolean[] };

/**
 * Fits a conditional logit: the probability of a candidate is the softmax of its score among the group's
 * candidates, and the fit maximises the probability of the right ones. It learns which candidate to prefer,
 * not how likely any candidate is on its own.
 */
export function fitChoice(
  features: readonly string[],
  groups: readonly ChoiceGroup[],
  options: FitOptions,
): LogisticModel {
  const all = groups.flatMap((g) => g.candidates);
  const n = all.length;
  const means = features.map((name) => all.reduce((s, r) => s + (r[name] ?? 0), 0) / Math.max(1, n));
  const scales = features.map((name, i) => {
    const variance = all.reduce((s, r) => s + ((r[name] ?? 0) - (means[i] ?? 0)) ** 2, 0) / Math.max(1, n);
    return Math.sqrt(variance) || 1;
  });
  const shape = { features, means, scales };
  const xs = groups.map((g) => g.candidates.map((c) => standardized(shape, c)));
  const weights = features.map(() => 0);
  const usable = groups.map((g, k) => ({ g, x: xs[k] ?? [] })).filter(({ g }) => g.right.some(Boolean));
  for (let it = 0; it < options.iterations; it++) {
    const grad = features.map(() => 0);
    for (const { g, x } of usable) {
      const scores = x.map((row) => row.reduce((s, v, i) => s + v * (weights[i] ?? 0), 0));
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const total = exp.reduce((a, b) => a + b, 0);
      const rightTotal = exp.reduce((a, e, k) => a + (g.right[k] ? e : 0), 0);
      // d(-log P(right)) / d score_k = p_k − p_k·[k right] / P(right)
      x.forEach((row, k) => {
        const p = (exp[k] ?? 0) / total;
        const q = g.right[k] ? (exp[k] ?? 0) / rightTotal : 0;
        row.forEach((v, i) => {
          grad[i] = (grad[i] ?? 0) + (p - q) * v;
        });
      });
    }
    weights.forEach((w, i) => {
      weights[i] = w - options.learningRate * ((grad[i] ?? 0) / Math.max(1, usable.length) + options.l2 * w);
    });
  }
  return { features, weights, bias: 0, means, scales };
}
