/** The fields of ISO/IEC 19794-4/-5/-6 (2011) records as the bench reads them (iso19794.ts). */

export interface CaptureDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}
export interface QualityBlock {
  score: number;
  algorithmVendorId: number;
  algorithmId: number;
}

export interface CommonHeader {
  formatId: string;
  version: string;
  recordLength: number;
  /** Bytes actually received. */
  actualLength: number;
  representationCount: number;
  certificationFlag: number;
}
export interface CommonRepresentation {
  representationLength: number;
  captureDateTime: CaptureDateTime;
  deviceTechnology: number;
  deviceVendorId: number;
  deviceTypeId: number;
  quality: QualityBlock[];
  imageData: Buffer;
}

export interface FingerRepresentation extends CommonRepresentation {
  certifications: Array<{ authorityId: number; schemeId: number }>;
  position: number;
  representationNumber: number;
  scaleUnits: number;
  scanResolution: { h: number; v: number };
  imageResolution: { h: number; v: number };
  bitDepth: number;
  compression: number;
  impressionType: number;
  width: number;
  height: number;
}
export interface FingerRecord extends CommonHeader {
  kind: 'Finger';
  fingerCount: number;
  representations: FingerRepresentation[];
}

export interface IrisRepresentation extends CommonRepresentation {
  representationNumber: number;
  eyeLabel: number;
  imageType: number;
  imageFormat: number;
  horizontalOrientation: number;
  verticalOrientation: number;
  compression: number;
  width: number;
  height: number;
  bitDepth: number;
  range: number;
  rollAngle: number;
  rollAngleUncertainty: number;
  irisGeometry: number[];
}
export interface IrisRecord extends CommonHeader {
  kind: 'Iris';
  eyesPresent: number;
  representations: IrisRepresentation[];
}

export interface Landmark {
  type: number;
  code: number;
  x: number;
  y: number;
  z: number;
}
export interface FaceRepresentation extends CommonRepresentation {
  gender: number;
  eyeColour: number;
  hairColour: number;
  subjectHeight: number;
  featureMask: number;
  expressionMask: number;
  poseAngle: [number, number, number];
  poseAngleUncertainty: [number, number, number];
  landmarks: Landmark[];
  faceImageType: number;
  imageDataType: number;
  width: number;
  height: number;
  spatialSamplingRateLevel: number;
  postAcquisitionProcessing: number;
  crossReference: number;
  colourSpace: number;
}
export interface FaceRecord extends CommonHeader {
  kind: 'Face';
  temporalSemantics: number;
  representations: FaceRepresentation[];
}

export type IsoRecord = FingerRecord | IrisRecord | FaceRecord;
export type Modality = IsoRecord['kind'];
