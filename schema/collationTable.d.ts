/** [character, primary weights, secondary weights, tertiary weights] */
export const collationWeights: [string, string, string, string][];
