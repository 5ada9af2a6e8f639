import { render } from 'preact';
import { UploadPage } from '../../ui/upload/UploadPage';
import '../../ui/options/options.css';
import '../../ui/upload/upload.css';

render(<UploadPage />, document.getElementById('app') as HTMLElement);
