// The real-project layer on Debian 12's libuv source: every probe leaves the tree unchanged; answers checked against make.
import { PROJECTS } from './support/projects';
import { describeRealProject } from './support/suite';

describeRealProject(PROJECTS.libuv);
