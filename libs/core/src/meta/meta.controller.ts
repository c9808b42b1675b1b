import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/access.decorators';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listEnumLabels } from './enum-labels';
import './core-enum-labels';

@ApiTags('meta')
@Public()
@Controller('meta')
export class MetaController {
  @Get('enums')
  @ApiOperation({ summary: 'Display labels (zh-CN, en) of every enum the API uses' })
  @ApiOkResponse({ description: '{ enums: [{ name, values: [{ value, labels: { "zh-CN", en } }] }] }' })
  enums() {
    return { enums: listEnumLabels() };
  }
}
