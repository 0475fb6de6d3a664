// Pure domain rules: no database, no clock. The regulation's tables live next to the functions.
export * from './idNumber';
export * from './creditCode';
export * from './password';
export * from './hourStandards';
export * from './yearRequirement';
export * from './certificateNumber';
export * from './trainingPlans';
export * from './provinceTransfer';
export * from './reviewDeadline';
export * from './formParamColumns';
export * from './platformAnomalies';
export * from './chinaTime';
export * from './issuingBureau';
export * from './fileType';
