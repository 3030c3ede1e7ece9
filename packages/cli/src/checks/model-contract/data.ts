/** The model-contract check's `data`: how many models were compared with their metadata snapshot. */
export interface ModelContractData {
  modelsChecked: number;
}
